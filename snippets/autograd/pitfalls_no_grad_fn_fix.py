import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
loss = (x * x).sum()
print(loss.requires_grad, loss.grad_fn.name())
loss.backward()
print(x.grad)
