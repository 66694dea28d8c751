import torch

torch.manual_seed(0)

x = torch.tensor(2.0, requires_grad=True)
(df,) = torch.autograd.grad(x**3, x)
print(df)
torch.autograd.grad(df, x)
