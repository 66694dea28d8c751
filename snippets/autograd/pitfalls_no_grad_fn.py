import torch

torch.manual_seed(0)

x = torch.ones(2)  # (1)!
loss = (x * x).sum()
print(loss.requires_grad, loss.grad_fn)
loss.backward()
